"""Liaison: a desktop mail-and-customer client.

The packages ``app.mail``, ``app.crm``, ``app.sync`` and ``app.store`` form the Qt-free core;
``app.ui`` is the only place PySide6 is imported.  ``app.cli`` drives the same core headlessly.
"""

__version__ = "0.1.0"
APP_NAME = "Liaison"
