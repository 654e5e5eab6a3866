"""Command-line tools for content editors: `flask --app wsgi content check`."""

from __future__ import annotations

import sys

import click
from flask import Flask, current_app
from flask.cli import AppGroup

from .content import load_content

content_cli = AppGroup("content", help="Check the content pack.")


@content_cli.command("check")
@click.option("--path", default=None, help="Content folder to check (default: the app's).")
def check(path: str | None) -> None:
    """Validate every content file; print each problem with how to fix it."""
    folder = path or current_app.config["CONTENT_DIR"]
    # Checked fresh from disk, so an editor sees the files as they are now.
    content = load_content(folder)
    for problem in sorted(content.problems, key=lambda p: (p.file, p.line)):
        label = "error" if problem.severity == "error" else "warning"
        click.echo(f"{problem}  [{label}]")
    unchecked = [s.slug for s in content.services if s.needs_checking]
    needs_used = {n for s in content.services for n in s.needs}
    areas_used = {a for s in content.services for a in s.service_areas}
    for need in content.needs:
        if need.slug not in needs_used:
            click.echo(f"content/needs.yml: {need.slug}: no service is tagged with this need — "
                       "tag at least one service with it  [warning]")
    for area in content.areas:
        if area.slug not in areas_used:
            click.echo(f"content/areas.yml: {area.slug}: no local service covers this area — "
                       "add one, so people there see something local  [warning]")
    click.echo(
        f"{len(content.services)} services, {len(content.needs)} needs, {len(content.areas)} "
        f"areas: {len(content.errors)} errors, {len(content.warnings)} warnings; "
        f"{len(unchecked)} services marked as needing their details checked."
    )
    if content.errors:
        click.echo("Fix the errors above: entries with errors are left off the site.", err=True)
        sys.exit(1)


def init_app(app: Flask) -> None:
    """Register the command groups."""
    app.cli.add_command(content_cli)
