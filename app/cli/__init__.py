"""The headless command line: the same core as the GUI, for IT, scripting and tests."""
