"""Signpost: a directory of mental health and wellbeing support for people aged 0-25."""

from __future__ import annotations

import atexit
import logging
import os
import sys
import time
from typing import Any

from flask import Flask

from . import cli, http_cache, i18n, security, snapshot
from .compress import Gzip
from .config import ROOT, Defaults
from .content import Content, load_content
from .safety import CARD_FIELD
from .search import Index
from .translations import build_linkers


def create_app(config: dict[str, Any] | None = None) -> Flask:
    """Build the app: config, extensions, content and index, then the pages."""
    app = Flask(__name__, template_folder=str(ROOT / "templates"),
                static_folder=str(ROOT / "static"), static_url_path="/static")
    setup_config(app, config)
    check_secret_key(app)
    setup_content(app)
    setup_feedback(app)
    i18n.init_app(app)
    http_cache.init_app(app)  # before security, so its after_request has the last word
    security.init_app(app)
    setup_templates(app)
    setup_blueprints(app)
    cli.init_app(app)
    if app.config["COMPRESS"]:
        app.wsgi_app = Gzip(app.wsgi_app)
    return app


def setup_config(app: Flask, config: dict[str, Any] | None) -> None:
    """Defaults, then SIGNPOST_* environment variables, then what the caller passed."""
    app.config.from_object(Defaults)
    app.config.from_prefixed_env("SIGNPOST")
    app.config.update(config or {})
    if not app.logger.handlers or app.logger.level == logging.NOTSET:
        app.logger.setLevel(logging.INFO)


class ConfigurationError(RuntimeError):
    """A setting that makes it unsafe to serve, with what to do about it."""


def check_secret_key(app: Flask) -> None:
    """Refuse to serve production with the default secret key; elsewhere, use a local one."""
    if app.config["SECRET_KEY"] != Defaults.SECRET_KEY:
        return
    # Commands such as `flask content check` sign nothing; only serving needs the key.
    command_line = os.environ.get("FLASK_RUN_FROM_CLI") == "true" and "run" not in sys.argv[1:]
    if app.config.get("ENV") == "production" and not command_line:
        raise ConfigurationError(
            "SIGNPOST_SECRET_KEY is not set: with the default key anyone could forge feedback "
            "form tokens. Set SIGNPOST_SECRET_KEY to a long random value (for example the "
            "output of `python3 -c 'import secrets; print(secrets.token_hex(32))'`), the same "
            "for every worker and instance.")
    if app.testing or app.debug or command_line:
        return
    # Anywhere else (a trial run, a smoke test, gunicorn without SIGNPOST_ENV=production) the
    # site must still start: it signs with a random key kept in var/secret_key, the same file
    # scripts/serve uses, so every worker on this machine agrees and tokens survive restarts.
    app.config["SECRET_KEY"] = local_secret_key()
    app.logger.warning("SIGNPOST_SECRET_KEY is not set: using the local key in var/secret_key; "
                       "set SIGNPOST_SECRET_KEY (and SIGNPOST_ENV=production) before going live")


def local_secret_key() -> str:
    """A random key kept in var/secret_key (made on first use, readable by the owner only)."""
    import secrets

    path = ROOT / "var" / "secret_key"
    try:
        if path.is_file() and path.read_text().strip():
            return path.read_text().strip()
        path.parent.mkdir(parents=True, exist_ok=True)
        key = secrets.token_hex(32)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as out:
            out.write(key + "\n")
        return key
    except FileExistsError:  # another worker made it a moment ago
        return path.read_text().strip()
    except OSError:  # a read-only checkout: a key for this process only
        return secrets.token_hex(32)


def setup_content(app: Flask) -> None:
    """Load the content pack once and index it; broken entries are logged and left out."""
    started = time.perf_counter()
    # `content check` prints every problem itself, and scripts/serve has just run it.
    quiet = cli.checking_content() or bool(app.config["CONTENT_CHECKED"])
    content = load_pack(app, log_problems=not quiet)
    if app.config["CONTENT_CHECKED"]:
        # Already printed by scripts/serve's check, but serving the safety card is an error the
        # server's own log must show too.
        for problem in content.errors:
            if problem.field == CARD_FIELD:
                app.logger.error("content: %s", problem)
    index = Index(content, directory=app.config["INDEX_DIR"] or None)
    app.extensions["signpost.content"] = content
    app.extensions["signpost.index"] = index
    # Jargon is linked with one compiled pattern of every term, built once here.
    app.extensions["signpost.linkers"] = build_linkers(content)  # one per language
    app.extensions["signpost.linker"] = app.extensions["signpost.linkers"].get("en")
    app.config["LANGUAGES"] = i18n.available_languages(app, content.site.languages)
    app.config["SITE_URL"] = (app.config["SITE_URL"] or content.site.site_url).rstrip("/")
    if "localhost" in app.config["SITE_URL"] and not app.testing:
        app.logger.warning("QR codes, posters and links will point at %s: set SIGNPOST_SITE_URL "
                           "to the public address before printing anything",
                           app.config["SITE_URL"])
    app.logger.info("loaded %s (%s, %s) and %s them in %.0f ms",
                    cli.counted(len(content.services), "service"),
                    cli.counted(len(content.errors), "error"),
                    cli.counted(len(content.warnings), "warning"),
                    "opened the prebuilt index of" if index.prebuilt else "indexed",
                    (time.perf_counter() - started) * 1000)


def load_pack(app: Flask, log_problems: bool) -> Content:
    """The content pack: from the start-up snapshot beside a prebuilt index when it fits."""
    index_dir = app.config["INDEX_DIR"]
    if not index_dir:
        return load_content(app.config["CONTENT_DIR"], log_problems=log_problems)
    # Stamped before reading, so a file changed while loading makes the snapshot stale.
    content, stamp = snapshot.load_or_none(app.config["CONTENT_DIR"], index_dir,
                                           log_problems=log_problems)
    app.extensions["signpost.snapshot_stamp"] = stamp
    if content is None:
        content = load_content(app.config["CONTENT_DIR"], log_problems=log_problems)
        app.extensions["signpost.content_bytes"] = snapshot.save_quietly(content, index_dir, stamp)
    else:
        app.extensions["signpost.content_bytes"] = snapshot.content_bytes(
            snapshot.snapshot_path(index_dir))
    return content


def setup_templates(app: Flask) -> None:
    """Template helpers shared by every page."""
    from .views import helpers

    helpers.init_app(app)


def setup_feedback(app: Flask) -> None:
    """The anonymous feedback store, the trusted proxies and the rate limit for its forms."""
    from . import guard
    from .feedback import DETAILS_MAX
    from .store import open_store

    store = open_store(app.config, logger=app.logger, must_open=False)
    app.extensions["signpost.feedback"] = store
    # Several apps in one process (tests) each close their own pool when the process ends.
    atexit.register(store.close)
    guard.trust_proxies(app)
    app.extensions["signpost.limiter"] = guard.make_limiter(app)
    app.jinja_env.globals["details_max"] = DETAILS_MAX


def setup_blueprints(app: Flask) -> None:
    """Register one blueprint per part of the site."""
    from .views import (
        api,
        campaigns,
        easy_read,
        errors,
        feedback,
        health,
        openreferral,
        pages,
        posters,
        pwa,
        selfhelp,
        seo,
    )

    app.register_blueprint(pages.root)
    app.register_blueprint(seo.bp)
    app.register_blueprint(pages.bp)
    app.register_blueprint(selfhelp.bp)
    app.register_blueprint(easy_read.bp)
    feedback.limit_posts(app)
    app.register_blueprint(feedback.bp)
    app.register_blueprint(posters.bp)
    app.register_blueprint(posters.codes)
    app.register_blueprint(pwa.bp)
    app.register_blueprint(pwa.worker)
    pwa.init_app(app)
    campaigns.init_app(app)
    security.allow_framing_of_embeds(app)
    app.register_blueprint(api.bp)
    app.register_blueprint(health.bp)
    app.register_blueprint(openreferral.bp)
    errors.init_app(app)
