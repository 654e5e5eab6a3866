"""WSGI entry point: `gunicorn wsgi:app` or `flask --app wsgi run`."""

import gc

from directory import create_app

app = create_app()
# What start-up loaded (the content, the index's tables) lives as long as the process. Moved out
# of the garbage collector's sight, a full collection no longer walks it (about 100 ms with a
# 10,000-service pack, every few searches), and workers forked from it keep sharing its pages.
gc.freeze()
