"""The person (and device) behind a request, as read from the database on this request."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Callable

from sqlalchemy.orm import Session

from server import SCHEMA_VERSION

ROLES = ("admin", "manager", "rep")


@dataclass(frozen=True)
class Principal:
    user_id: str | None  # None: the admin command line on the server itself
    email: str
    role: str
    team_id: str | None
    managed_team_ids: frozenset[str] = field(default_factory=frozenset)
    device_id: str | None = None
    address: str = ""
    schema: int = SCHEMA_VERSION  # the record schema the client speaks

    @cached_property  # asked for each record of a pull page; the principal never changes
    def teams(self) -> frozenset[str]:
        """The teams whose records this person sees as a member or manager."""
        own = frozenset({self.team_id}) if self.team_id else frozenset()
        return own | self.managed_team_ids if self.role == "manager" else own

    @classmethod
    def server_admin(cls) -> "Principal":
        """The admin command line: full rights, audited as ``admin-cli``."""
        return cls(user_id=None, email="admin-cli", role="admin", team_id=None)


# Reads the principal in the caller's session (e.g. a request's token lookup).
PrincipalSource = Callable[[Session], Principal]
