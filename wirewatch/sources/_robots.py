"""robots.txt rules for one host, following RFC 9309 on what a failed fetch means."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.robotparser import RobotFileParser

# RFC 9309: crawlers may stop reading robots.txt after 500 KiB.
ROBOTS_MAX_BYTES = 500 * 1024


@dataclass(frozen=True)
class RobotsRules:
    parser: RobotFileParser | None  # None: no file, everything allowed (or nothing, see below)
    disallow_all: bool = False
    why: str = ""  # for the error message when everything is disallowed

    @classmethod
    def from_response(cls, status: int, body: bytes) -> RobotsRules:
        """Rules from the robots.txt response: 4xx allows all, 5xx disallows all (RFC 9309)."""
        if 200 <= status < 300:
            parser = RobotFileParser()
            parser.parse(body.decode("utf-8", errors="replace").splitlines())
            return cls(parser)
        if status >= 500:
            return cls(None, disallow_all=True, why=f"robots.txt answered HTTP {status}")
        return cls(None)

    @classmethod
    def allow_all(cls) -> RobotsRules:
        return cls(None)

    def allows(self, url: str, user_agent: str) -> bool:
        if self.disallow_all:
            return False
        if self.parser is None:
            return True
        return self.parser.can_fetch(user_agent, url)
