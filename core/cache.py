"""A Redis cache that degrades instead of failing (issue 8: Redis unavailable).

Everything the cache holds can be recomputed (job progress also lives in the Job row, counts come
from the database), so while Redis is down a read is a miss and a write is dropped: pages keep
working, only slower. The outage is logged at most once a minute.
"""

import logging
import time

from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

log = logging.getLogger(__name__)

OUTAGE = (RedisConnectionError, RedisTimeoutError, OSError)
_last_warning = 0.0


def _warn(exc: Exception) -> None:
    global _last_warning
    now = time.monotonic()
    if now - _last_warning > 60:
        _last_warning = now
        log.warning("cache unavailable, continuing without it: %s", exc)


class TolerantRedisCache(RedisCache):
    """Django's RedisCache; a connection error gives a miss (reads) or nothing (writes)."""

    def _safe(self, method, fallback, *args, **kwargs):
        try:
            return getattr(super(), method)(*args, **kwargs)
        except OUTAGE as exc:
            _warn(exc)
            return fallback

    def add(self, *args, **kwargs):
        return self._safe("add", False, *args, **kwargs)

    def get(self, key, default=None, version=None):
        return self._safe("get", default, key, default, version)

    def set(self, *args, **kwargs):
        return self._safe("set", None, *args, **kwargs)

    def touch(self, *args, **kwargs):
        return self._safe("touch", False, *args, **kwargs)

    def delete(self, *args, **kwargs):
        return self._safe("delete", False, *args, **kwargs)

    def get_many(self, *args, **kwargs):
        return self._safe("get_many", {}, *args, **kwargs)

    def has_key(self, *args, **kwargs):
        return self._safe("has_key", False, *args, **kwargs)

    def incr(self, key, delta=1, version=None):
        try:
            return super().incr(key, delta, version)
        except OUTAGE as exc:
            _warn(exc)
            # callers treat ValueError as "no such key" and fall back to set(), which is tolerant
            raise ValueError(f"Key '{key}' not found (cache unavailable)") from exc

    def set_many(self, data, *args, **kwargs):
        return self._safe("set_many", list(data), data, *args, **kwargs)

    def delete_many(self, *args, **kwargs):
        return self._safe("delete_many", None, *args, **kwargs)

    def clear(self):
        return self._safe("clear", None)
