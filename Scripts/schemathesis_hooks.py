"""Schemathesis hooks for Scripts/test-openapi.sh.

Two rules of the API cannot be written in an OpenAPI schema, so generated requests that break
them would be "valid" by the schema yet rightly refused with 400:
- a cursor (`cursor`, `since`) must be one this API handed out: random text is dropped, unless
  it is over the documented maxLength (then it is negative data and must still get a 400);
- `from` must not be after `to`, and a timeline spans at most 3660 days: valid dates are
  reordered or clamped.
Everything else is left as generated.
"""
import datetime

import schemathesis


def _date(value):
    try:
        return datetime.date.fromisoformat(value) if isinstance(value, str) and len(value) == 10 else None
    except ValueError:
        return None


@schemathesis.hook
def before_call(context, case, kwargs):
    query = case.query
    if not isinstance(query, dict):
        return
    for name in ("cursor", "since"):
        value = query.get(name)
        if isinstance(value, str) and len(value) <= 512 and case.path != "/api/stream":
            del query[name]
    first, last = _date(query.get("from")), _date(query.get("to"))
    if first and last:
        if first > last:
            query["from"], query["to"] = query["to"], query["from"]
            first, last = last, first
        if case.path == "/api/timeline" and (last - first).days >= 3660:
            query["to"] = query["from"]
