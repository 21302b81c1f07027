"""Login and session tokens: password checks, token issue and token login for reconnects.

A password login verifies with argon2 (upgrading a weak stored hash), then
issues a random token that is stored only as its SHA-256 and expires after
12 hours; a reconnect presents the token instead of the password. Synchronous;
runs in the hub's executors. It must never store or log a password or a
token in clear, nor tell a caller whether a failed login's user exists.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass

from sqlalchemy import select, update
from sqlalchemy.orm import Session, sessionmaker

from . import records
from .db import as_utc, to_db_time
from .models import AuditEntry, SessionToken, User
from .passwords import verify_password
from .records import UserRecord

TOKEN_LIFETIME = dt.timedelta(hours=12)


@dataclass(frozen=True)
class IssuedToken:
    token: str
    expires_at: dt.datetime


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def check_password(
    sessions: sessionmaker[Session], username: str, password: str
) -> UserRecord | None:
    """The user when the password matches, else None (same cost either way)."""
    with sessions() as session:
        user = records.user_by_name(session, username)
    ok, new_hash = verify_password(user.password_hash if user else None, password)
    if not ok or user is None:
        return None
    if new_hash is not None:
        with sessions.begin() as session:
            session.execute(update(User).where(User.id == user.id).values(password_hash=new_hash))
    return user


def issue_token(sessions: sessionmaker[Session], user: UserRecord, now: dt.datetime) -> IssuedToken:
    token = secrets.token_urlsafe(32)
    expires_at = now + TOKEN_LIFETIME
    with sessions.begin() as session:
        session.add(
            SessionToken(
                token_hash=token_hash(token),
                user_id=user.id,
                expires_at=to_db_time(expires_at),
                revoked=False,
            )
        )
        session.add(
            AuditEntry(user_id=user.id, action="login", target="password", at=to_db_time(now))
        )
    return IssuedToken(token, expires_at)


def check_token(
    sessions: sessionmaker[Session], username: str, token: str, now: dt.datetime
) -> tuple[UserRecord, IssuedToken] | None:
    """The user and their token's expiry when the token is theirs, live and not revoked."""
    with sessions() as session:
        row = session.scalar(
            select(SessionToken).where(SessionToken.token_hash == token_hash(token))
        )
        user = records.user_by_name(session, username)
    if row is None or user is None or row.user_id != user.id or row.revoked:
        return None
    expires_at = as_utc(row.expires_at)
    if expires_at <= now:
        return None
    return user, IssuedToken(token, expires_at)


def revoke_tokens(sessions: sessionmaker[Session], user_id: int) -> int:
    """Revoke every token of a user (password change, admin lock-out)."""
    with sessions.begin() as session:
        revoked = session.scalars(
            update(SessionToken)
            .where(SessionToken.user_id == user_id, SessionToken.revoked.is_(False))
            .values(revoked=True)
            .returning(SessionToken.id)
        ).all()
        return len(revoked)


def revoke_user(
    session: Session, origin: str, username: str, now: dt.datetime
) -> tuple[int, int] | None:
    """Revoke every live token of ``username`` in the caller's transaction and tell other
    hub processes to close that user's connections; (user id, tokens revoked) or None."""
    from . import relay

    user = records.user_by_name(session, username)
    if user is None:
        return None
    revoked = session.scalars(
        update(SessionToken)
        .where(SessionToken.user_id == user.id, SessionToken.revoked.is_(False))
        .values(revoked=True)
        .returning(SessionToken.id)
    ).all()
    session.add(
        AuditEntry(
            user_id=user.id, action="tokens.revoke", target=f"user:{user.id}", at=to_db_time(now)
        )
    )
    relay.announce_revoke(session, origin, user.id)
    return user.id, len(revoked)
