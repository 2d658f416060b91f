"""No page of the kit can be framed by another site; the phone page loads only from the kit itself."""

from __future__ import annotations

from served_kit import Kit


def test_facilitator_and_projector_pages_refuse_framing_by_other_sites(kit: Kit) -> None:
    session = kit.session
    paths = ["/", "/beheer", kit.login_path(), f"/console/{session.session_id}",
             f"/console/{session.session_id}?key={session.secret}",
             f"/projector/{session.session_id}?view={session.view_key}"]
    for path in paths:
        response = kit.get(path)
        # the console's own projector preview is the one frame allowed: same origin only
        assert response.getheader("X-Frame-Options") == "SAMEORIGIN", path
        assert "frame-ancestors 'self'" in (response.getheader("Content-Security-Policy") or ""), path


def test_phone_page_policy_allows_only_its_own_origin(kit: Kit) -> None:
    response = kit.get(f"/j/{kit.session.code}", {"Host": f"127.0.0.1:{kit.port}"})
    policy = response.getheader("Content-Security-Policy") or ""
    rules = dict(rule.strip().split(" ", 1) for rule in policy.split(";"))

    assert response.status == 200
    assert response.getheader("X-Frame-Options") == "SAMEORIGIN"
    assert rules["default-src"] == "'none'"
    assert rules["script-src"].startswith("'self' 'sha256-")
    assert "unsafe" not in policy
    assert rules["connect-src"] == f"'self' ws://127.0.0.1:{kit.port} wss://127.0.0.1:{kit.port}"
    assert rules["frame-ancestors"] == "'none'"
