"""The LibreOffice user profile every recalculation runs in, for offices and conversions alike.

LibreOffice keeps the cached values of an xlsx (or ods) file on load unless its profile says
otherwise: ``OOXMLRecalcMode`` and ``ODFRecalcMode`` 0 mean "always recalculate" (the default,
1, never does). The locale is pinned to en-US so that booleans display as TRUE and FALSE, which
is how a running office finds them, and so that no user's locale changes a result.
"""

from __future__ import annotations

from pathlib import Path

_REGISTRY = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry"
 xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" \
oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" \
oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooSetupSystemLocale" \
oor:op="fuse"><value>en-US</value></prop></item>
<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooLocale" \
oor:op="fuse"><value>en-US</value></prop></item>
</oor:items>
"""


def recalculating_profile(profile: Path) -> Path:
    """``profile``, made a user profile that recalculates on load (once: an existing one is
    kept); pass it to soffice as ``-env:UserInstallation=<its URI>``. One per running soffice: a
    second soffice on a profile in use hands its work to the first."""
    registry = profile / "user" / "registrymodifications.xcu"
    if not registry.exists():
        registry.parent.mkdir(parents=True, exist_ok=True)
        registry.write_text(_REGISTRY, encoding="utf-8")
    return profile
