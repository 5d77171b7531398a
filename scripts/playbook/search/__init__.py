"""Search beyond the pages' own words: what the built site's search index finds and how a hit reads.

People look for a customer by the name they use (建行, 滨海税务), not its registered name, and
Chinese has no spaces: both engines' searches match a query against the start of an indexed
word, so a run of characters from the middle of a name (省税 in 滨海省税务局) finds nothing.
After the engine has built the site, its search index is reshaped (``index.shape``): every
account, team and person entry is also found by its names, aliases and each suffix of their
Chinese characters (``terms``), and leads with who the account or person is (``entries``).
"""
