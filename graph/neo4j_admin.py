"""``neo4j-admin`` from the same jars: the password of a server started with auth, and the
database dump a user loads into their own Neo4j (as ICIJ ships Offshore Leaks).

``org.neo4j.cli.AdminTool`` runs with ``NEO4J_HOME`` and ``NEO4J_CONF`` set to the local
server's home; it refuses to run without them.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from neo4j import GraphDatabase
from neo4j.exceptions import AuthError, DriverError, Neo4jError

from armsgraph.graph.neo4j_server import (
    Neo4jServerConfig,
    Neo4jServerError,
    Progress,
    ServerStatus,
    ensure_jars,
    start,
    status,
    stop,
    write_config,
)

ADMIN_TOOL = "org.neo4j.cli.AdminTool"
MIN_PASSWORD = 8  # dbms.security.auth_minimum_password_length, Neo4j 5's default
DEFAULT_PASSWORD = "neo4j"  # what the user `neo4j` has before anyone set one


def admin(cfg: Neo4jServerConfig, *args: str, timeout: float = 600) -> str:
    """Run ``neo4j-admin ARGS`` against the local home; its output, or an error with it."""
    lib = ensure_jars(cfg)
    write_config(cfg)
    env = {**os.environ, "NEO4J_HOME": str(cfg.home), "NEO4J_CONF": str(cfg.conf_dir)}
    cmd = [cfg.java, *cfg.jvm_options, "-cp", f"{lib}/*", ADMIN_TOOL, *args]
    proc = subprocess.run(
        cmd, env=env, cwd=cfg.home, capture_output=True, text=True, timeout=timeout, check=False
    )
    output = (proc.stdout + proc.stderr).strip()
    if proc.returncode != 0:
        tail = "\n".join(output.splitlines()[-15:])
        raise Neo4jServerError(f"neo4j-admin {' '.join(args)} failed:\n{tail}")
    return output


def _system_database_exists(cfg: Neo4jServerConfig) -> bool:
    return (cfg.home / "data" / "databases" / "system").is_dir()


def start_with_auth(cfg: Neo4jServerConfig, progress: Progress = print) -> ServerStatus:
    """Start with authentication on, the user ``neo4j`` having ``cfg.password``.

    A fresh home gets the password before its first start (``set-initial-password``); a
    home that ran without auth still has the default password, which is changed over Bolt.
    """
    password = cfg.password
    if not password or len(password) < MIN_PASSWORD:
        raise Neo4jServerError(
            f"`neo4j start --auth` takes the password from ARMSGRAPH_NEO4J_PASSWORD "
            f"({MIN_PASSWORD}+ characters, Neo4j's minimum)"
        )
    if not _system_database_exists(cfg):
        (cfg.home / "data").mkdir(parents=True, exist_ok=True)
        admin(cfg, "dbms", "set-initial-password", password)
    current = start(cfg, progress=progress)
    if current.auth_refused:
        _change_default_password(cfg, password)
        current = status(cfg)
    if current.auth_refused or not current.running:
        raise Neo4jServerError(
            f"Neo4j at {cfg.bolt_uri} refuses ARMSGRAPH_NEO4J_PASSWORD for user neo4j: this "
            f"home ({cfg.home}) has another password. Use that one, or stop the server and "
            f"delete {cfg.home / 'data' / 'dbms'} and {cfg.home / 'data' / 'databases' / 'system'} "
            "to start over (that drops users, not the graph)."
        )
    return current


def _change_default_password(cfg: Neo4jServerConfig, password: str) -> None:
    auth = ("neo4j", DEFAULT_PASSWORD)
    try:
        with GraphDatabase.driver(cfg.bolt_uri, auth=auth) as driver:
            driver.execute_query(
                "ALTER CURRENT USER SET PASSWORD FROM $old TO $new",
                old=DEFAULT_PASSWORD,
                new=password,
                database_="system",
            )
    except (AuthError, DriverError, Neo4jError):
        return  # not the default password either: the caller reports it


def dump(cfg: Neo4jServerConfig, target_dir: Path, progress: Progress = print) -> Path:
    """``neo4j-admin database dump neo4j`` into ``target_dir`` (``neo4j.dump``). The
    database must be offline, so a running local server is stopped and started again."""
    target_dir.mkdir(parents=True, exist_ok=True)
    was_running = status(cfg).pid is not None
    if was_running:
        progress("stopping the local Neo4j for the dump (Community dumps offline only)")
        stop(cfg, progress=progress)
    try:
        out = target_dir.resolve()
        admin(cfg, "database", "dump", "neo4j", f"--to-path={out}", "--overwrite-destination")
    finally:
        if was_running:
            progress("starting the local Neo4j again")
            if cfg.password:
                start_with_auth(cfg, progress)
            else:
                start(cfg, progress=progress)
    return target_dir / "neo4j.dump"


def load(cfg: Neo4jServerConfig, dump_file: Path, database: str = "neo4j") -> str:
    """What a user runs on their own Neo4j (server stopped): ``neo4j-admin database load``."""
    if status(cfg).pid is not None:
        raise Neo4jServerError(f"stop the Neo4j at {cfg.home} first: load needs it offline")
    if dump_file.name != f"{database}.dump":
        raise Neo4jServerError(f"neo4j-admin loads {database}.dump; got {dump_file.name}")
    return admin(
        cfg, "database", "load", database, f"--from-path={dump_file.resolve().parent}",
        "--overwrite-destination=true",
    )  # fmt: skip


def database_dirs(cfg: Neo4jServerConfig, database: str = "neo4j") -> list[Path]:
    """The store and transaction-log folders of one database under the server's home."""
    data = cfg.home / "data"
    return [data / "databases" / database, data / "transactions" / database]
