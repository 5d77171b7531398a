"""The built site in a real browser (Debian's Chromium driven by Playwright)."""
