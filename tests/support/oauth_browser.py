"""The browser stand-in as a program, for ``$BROWSER`` in CLI tests:
``python -m tests.support.oauth_browser URL`` (the CA file in ``LIAISON_TEST_OAUTH_CA``)."""

import os
import sys

from tests.support.oauth_server import follow_in_browser

if __name__ == "__main__":
    follow_in_browser(sys.argv[1], os.environ["LIAISON_TEST_OAUTH_CA"])
