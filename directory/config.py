"""Configuration defaults; a deployment overrides any of them with SIGNPOST_* environment variables."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


class Defaults:
    """Settings used unless the environment or a test says otherwise."""

    CONTENT_DIR = str(ROOT / "content")
    # scripts/serve sets SIGNPOST_CONTENT_CHECKED=1 after printing the content check, so the
    # server logs a count of the content's problems instead of each one again.
    CONTENT_CHECKED = False
    # Public address of the site; empty means "use site_url from content/site.yml".
    SITE_URL = ""
    # Behind a TLS-terminating proxy a deployment sets SIGNPOST_FORCE_HTTPS=true.
    FORCE_HTTPS = False
    RESULTS_PER_PAGE = 20
    # Where the search index is kept on disk. Empty: each process builds it in memory at start.
    # Set, `flask --app wsgi search build` writes it once and every worker opens it read-only
    # (a worker finding it missing or built from other content builds it there first).
    INDEX_DIR = ""
    # Gzip responses in the app itself (scripts/serve). Behind nginx, which compresses (and
    # caches) better, scripts/serve-stack sets SIGNPOST_COMPRESS=false.
    COMPRESS = True
    # "production" makes start-up refuse the default SECRET_KEY even when debugging.
    ENV = ""
    # Anonymous feedback and campaign counts: an SQLite file outside the code, unless
    # SIGNPOST_DATABASE_URL names a PostgreSQL database (postgresql://user:password@host/name),
    # which several instances of the site can share.
    FEEDBACK_DB = str(ROOT / "var" / "feedback.sqlite3")
    DATABASE_URL = ""
    DATABASE_POOL_SIZE = 4  # PostgreSQL connections per process
    DATABASE_CONNECT_TIMEOUT = 5  # seconds start-up waits for PostgreSQL before serving without
    # Counts made by plain page visits (searches that found nothing, ?src= campaign visits): at
    # most this many new rows per kind per day, and at most this long waiting for the database
    # before the count is dropped and the page served anyway.
    FEEDBACK_NEW_KEYS_PER_DAY = 500
    FEEDBACK_COUNT_TIMEOUT_MS = 200
    FEEDBACK_COUNT_RETRY_S = 2.0  # after a failed count, drop counts without trying for this long
    FEEDBACK_WRITE_TIMEOUT_MS = 2000  # a feedback form post waits this long for a locked store
    # Feedback form posts per visitor per window (Flask-Limiter). The visitor is a hash of their
    # address under a key that changes daily; the address is never stored. memory:// counts per
    # process; several instances share a limit through memcached://host:port or
    # redis://host:port.
    FEEDBACK_RATE_LIMIT = 10
    FEEDBACK_RATE_WINDOW = 600
    RATELIMIT_STORAGE_URI = "memory://"
    # How many reverse proxies in front of the app set X-Forwarded-For/-Proto: 0 when serving
    # directly (the default), 1 behind nginx. Trusting more than there are lets visitors forge
    # their address.
    TRUSTED_PROXIES = 0
    FORM_TOKEN_MAX_AGE = 2 * 60 * 60  # seconds a feedback form stays valid after the page loads
    MAX_CONTENT_LENGTH = 16 * 1024  # no form of ours needs more
    # Where "Leave this site" goes: an ordinary, neutral page.
    QUICK_EXIT_URL = "https://www.bbc.co.uk/weather"
    # Signs the feedback forms' tokens and keys the rate limit's daily hash (Signpost sets no
    # cookies). Set SIGNPOST_SECRET_KEY to a long random value, the same for every worker and
    # instance: outside debugging and tests the site refuses to start with this default.
    SECRET_KEY = "change-me-in-production"
    BABEL_DEFAULT_LOCALE = "en"
    BABEL_TRANSLATION_DIRECTORIES = str(ROOT / "translations")
    JSON_SORT_KEYS = False
    SEND_FILE_MAX_AGE_DEFAULT = 60 * 60 * 24 * 7
