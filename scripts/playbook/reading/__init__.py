"""Reading data files: saying in plain words what is wrong with a file that does not read."""
