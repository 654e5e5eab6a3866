"""gunicorn settings for one Signpost app server behind nginx (scripts/serve-stack, systemd).

Bind address, workers and threads come from the environment so one file serves every instance:
GUNICORN_BIND (a unix socket, unix:/run/signpost/app-1.sock, or 127.0.0.1:8001),
GUNICORN_WORKERS (default 1) and GUNICORN_THREADS (default 4).
"""

import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8001")
workers = int(os.environ.get("GUNICORN_WORKERS", "1"))
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
worker_class = "gthread"
# Content and the (prebuilt) index are loaded once, before the workers fork.
preload_app = True
# nginx holds slow clients, so a request reaching us is whole and quick.
timeout = 30
graceful_timeout = 10
keepalive = 15
# No access log: addresses would carry search words.
accesslog = None
errorlog = "-"
loglevel = "warning"
umask = 0o007  # the unix socket: this user and its group (nginx) only
