"""A memo for the lookups Odoo's mail gateway repeats while it processes one message.

Routing one incoming e-mail asks the same questions several times: the alias domains
(``mail.alias.domain.search([])``: 9 times), "is this address one of our aliases?"
(``_find_aliases``: 7 times) and "which partner has this e-mail?" (5 times). The answers
cannot change in between unless an alias or a partner is written, so they are kept for the
duration of one ``message_process`` call in the cursor's cache, and forgotten as soon as
an alias, an alias domain or a partner is created, written or deleted.
"""

from contextlib import contextmanager

MEMO_KEY = "pengaduan.gateway_memo"


@contextmanager
def gateway_memo(cr):
    """Keep the memo while the block runs (nested calls share the outer one)."""
    if MEMO_KEY in cr.cache:
        yield
        return
    cr.cache[MEMO_KEY] = {}
    try:
        yield
    finally:
        cr.cache.pop(MEMO_KEY, None)


def memo_active(env):
    """Whether a message (or a web submission) is being processed with the memo."""
    return MEMO_KEY in env.cr.cache


def memo_get(env, kind, key, compute):
    """``compute()``, or its answer already found for ``key`` in this message."""
    memo = env.cr.cache.get(MEMO_KEY)
    if memo is None:
        return compute()
    full_key = (kind, env.uid, env.su, key)
    if full_key not in memo:
        memo[full_key] = compute()
    return memo[full_key]


def memo_forget(env, *kinds):
    """Forget the answers of these kinds (after a write that may change them)."""
    memo = env.cr.cache.get(MEMO_KEY)
    if memo:
        for full_key in [k for k in memo if k[0] in kinds]:
            del memo[full_key]
