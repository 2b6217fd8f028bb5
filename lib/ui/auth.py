"""Sign-in in the app: a password form checked by lib.users.accounts and, when configured, OIDC through st.login.

Pages call `require_user(roles)` first; the frame puts `sign_out_button()` in the sidebar. The signed-in
user lives in st.session_state and is checked against the users file on every run, so removing an account
or changing its role takes effect at the next click.

A password sign-in survives a reload (F5) for its session lifetime: the browser keeps a cookie signed by
lib.users.session_cookie (MONITOR41_SESSION_HOURS, MONITOR41_SESSION_SECRET). A new session reads it from
st.context.cookies (the cookies of the page's first request); Streamlit cannot set a cookie from Python,
so the frame writes and clears it with a small script (st.html with JavaScript) in the sidebar. 'Keluar'
clears it, and this session ignores the cookie it started with from then on. A tampered, expired or
foreign cookie is refused and the sign-in form is shown.

OIDC (optional): Authlib is in requirements.txt; add an [auth] section to
`.streamlit/secrets.toml` (git-ignored):

    [auth]
    redirect_uri = "https://monitor41.example.go.id/oauth2callback"
    cookie_secret = "<long random text>"
    client_id = "..."
    client_secret = "..."
    server_metadata_url = "https://login.example.go.id/.well-known/openid-configuration"

The provider's e-mail address (unless the provider says it is unverified) is matched, ignoring case, to a
user name in the users file, and the role comes from that file: add such a user with
`python -m lib.users add nama@instansi.go.id --role opd --opd DINKES --no-password`. An e-mail that is not
in the file is refused with the command an admin should run. The password form stays available.
"""
from __future__ import annotations

import importlib.util
import json
import logging
from collections.abc import Iterable

import streamlit as st

from lib import config
from lib.ui.state import t
from lib.ui.text import fill
from lib.ui.widgets import show_error
from lib.users import accounts as users
from lib.users import session_cookie, signin
from lib.users.accounts import User
from lib.users.errors import UserError
from lib.users.signin import SignInThrottled

LOG = logging.getLogger("monitor41.auth")
USER_KEY = "auth_user"
VIA_KEY = "auth_via"
_COOKIE_KEY = "auth_cookie"  # session state: the cookie script the frame still has to send ("" clears it)
_OUT_KEY = "auth_keluar_sesi"  # session state: signed out here, so the cookie this session started with is void
ALL_ROLES = ("admin", "opd", "viewer")


def contact() -> str:
    """Who to ask for an account (MONITOR41_KONTAK_ADMIN); the default in the page language."""
    value = config.get("MONITOR41_KONTAK_ADMIN")
    return t("auth.kontak_bawaan") if value == config.SETTINGS["MONITOR41_KONTAK_ADMIN"].default else value


def _oidc_configured() -> bool:
    """Whether .streamlit/secrets.toml has an [auth] section."""
    try:
        return bool(st.secrets.load_if_toml_exists() and "auth" in st.secrets)
    except Exception:  # noqa: BLE001 — an unreadable secrets file simply means no OIDC
        return False


def _oidc_identity() -> tuple[str | None, bool]:
    """The e-mail from the OIDC provider (None when not signed in there) and whether it may be trusted."""
    if not _oidc_configured() or not st.user.get("is_logged_in", False):
        return None, False
    email = st.user.get("email")
    return (str(email) if email else None), bool(email) and st.user.get("email_verified") is not False


def _cookie_value() -> str | None:
    """The sign-in cookie this session's page was requested with (None without one, or outside a server)."""
    value = st.context.cookies.get(session_cookie.COOKIE_NAME)
    return value if isinstance(value, str) else None


def _cookie_user() -> User | None:
    """The user named by a good sign-in cookie, unless this session has signed out since (or the deployment is
    public: it has no pages to sign in for)."""
    if st.session_state.get(_OUT_KEY) or config.get_flag("MONITOR41_PUBLIC"):
        return None
    try:
        name = session_cookie.verify(_cookie_value())
    except session_cookie.SessionSecretError as exc:  # names a server path: the log, not the visitor
        LOG.error("Cookie masuk tidak bisa diperiksa: %s", exc)
        return None
    user = users.find_user(name) if name else None
    if user is not None:
        st.session_state[VIA_KEY] = "password"
    return user


def current_user() -> User | None:
    """The signed-in user, re-read from the users file (None when signed out or no longer registered)."""
    user = st.session_state.get(USER_KEY)
    try:
        if user is not None:
            user = users.find_user(user.name)
        if user is None:
            user = _cookie_user()
        if user is None:
            email, trusted = _oidc_identity()
            user = users.find_user(email) if email and trusted else None
            st.session_state[VIA_KEY] = "oidc" if user else None
    except UserError:
        user = None  # require_user shows the file's problem with the sign-in form
    if user is None:
        st.session_state.pop(USER_KEY, None)
    else:
        st.session_state[USER_KEY] = user
    return user


def require_user(roles: Iterable[str] = ALL_ROLES) -> User:
    """The signed-in user with one of roles; otherwise draw the sign-in form or a refusal and stop the page."""
    _send_cookie()
    user = current_user()
    if user is None:
        _sign_in_page()
        st.stop()
    if user.role not in tuple(roles):
        st.error(t("auth.tidak_berwenang", peran=role_label(user), kontak=contact()),
                 icon=":material/lock:")
        st.stop()
    return user


def role_label(user: User) -> str:
    """The user's role in words, e.g. 'OPD DINKES'."""
    return t(f"auth.peran.{user.role}", opd=user.opd or "")


def cookie_script(value: str | None, max_age: int, secure_only_on_https: bool = True) -> str:
    """The script that stores (value) or clears (None) the sign-in cookie in the browser."""
    if value is None:
        setting = f"{session_cookie.COOKIE_NAME}=; Max-Age=0; Path=/; SameSite=Strict"
    else:
        setting = f"{session_cookie.COOKIE_NAME}={value}; Max-Age={max_age}; Path=/; SameSite=Strict"
    secure = '+(location.protocol==="https:"?"; Secure":"")' if secure_only_on_https else ""
    return f"<script>document.cookie={json.dumps(setting)}{secure};</script>"


def _send_cookie() -> None:
    """Send the pending cookie change (after a sign-in or a sign-out) to the browser, once."""
    pending = st.session_state.pop(_COOKIE_KEY, None)
    if pending is None:
        return
    try:
        script = cookie_script(pending or None, session_cookie.lifetime_seconds())
    except UserError as exc:  # a bad MONITOR41_SESSION_HOURS: the sign-in still holds for this session
        LOG.error("Cookie masuk tidak dikirim: %s", exc)
        return
    with st.sidebar:
        st.html(script, unsafe_allow_javascript=True)  # our own text only: the value is base64url and dots


def sign_out_button() -> None:
    """In the sidebar: who is signed in (name and role) and a 'Keluar' button; nothing when signed out.
    Also sends a pending sign-in cookie change to the browser."""
    _send_cookie()
    user = current_user()
    if user is None:
        return
    with st.sidebar:
        st.caption(fill("auth.masuk_sebagai", nama=user.name, peran=role_label(user)))
        if st.button(t("auth.keluar"), key="auth_keluar", icon=":material/logout:"):
            _sign_out()


def _sign_out() -> None:
    via = st.session_state.get(VIA_KEY)
    for key in (USER_KEY, VIA_KEY):
        st.session_state.pop(key, None)
    st.session_state[_OUT_KEY] = True
    st.session_state[_COOKIE_KEY] = ""  # clear the browser's sign-in cookie at the next run
    if via == "oidc":
        st.logout()  # clears the identity cookie; the browser is sent to the provider's sign-out
    st.rerun()


def _sign_in_page() -> None:
    """The sign-in screen: OIDC when configured, then the password form; or how to create the first admin."""
    st.title(t("auth.judul"))
    try:
        registered = users.list_users()
    except UserError as exc:
        show_error(exc)
        return
    if not registered:
        st.info(t("auth.belum_ada_pengguna", kontak=contact()), icon=":material/info:")
        return
    st.write(t("auth.keterangan", kontak=contact()))
    if _oidc_configured():
        _oidc_section()
    _password_form()


def _oidc_section() -> None:
    """The organisation sign-in button, or why a provider account was refused."""
    email, trusted = _oidc_identity()
    if st.user.get("is_logged_in", False):
        st.error(t("auth.oidc_belum_terdaftar", email=email, kontak=contact()) if email and trusted else t("auth.oidc_tanpa_email"),
                 icon=":material/lock:")
        if st.button(t("auth.keluar"), key="auth_oidc_keluar"):
            st.logout()
            st.rerun()
    elif importlib.util.find_spec("authlib") is None:
        st.warning(t("auth.oidc_tanpa_authlib"), icon=":material/warning:")
    elif st.button(t("auth.oidc_masuk"), key="auth_oidc_masuk", type="primary"):
        st.login()
    st.caption(t("auth.oidc_atau"))


def _client_source() -> str:
    """Where this sign-in comes from (lib.users.signin.client_source), for throttling by account and source."""
    peer, forwarded = st.context.ip_address, st.context.headers.get("X-Forwarded-For")
    return signin.client_source(peer if isinstance(peer, str) else None,  # not a str outside a real server
                                forwarded if isinstance(forwarded, str) else None,
                                config.get("MONITOR41_TRUSTED_PROXIES").split(","), fallback="lokal")


def _password_form() -> None:
    """Name, password and 'Masuk'; a good pair signs the session in and reruns the page."""
    with st.form("auth_form", clear_on_submit=True):
        name = st.text_input(t("auth.nama"), key="auth_nama", max_chars=100,
                             autocomplete="username")
        password = st.text_input(t("auth.sandi"), type="password", key="auth_sandi", max_chars=1024,
                                 autocomplete="current-password")
        submitted = st.form_submit_button(t("auth.masuk"), key="auth_masuk", type="primary")
    if not submitted:
        return
    if not name.strip() or not password:
        st.warning(t("auth.kosong"), icon=":material/warning:")
        return
    try:
        user = users.verify(name, password, source=_client_source())
    except SignInThrottled as exc:
        st.error(t("auth.coba_lagi", detik=exc.retry_after), icon=":material/hourglass_top:")
        return
    except UserError as exc:
        show_error(exc)
        return
    if user is None:
        st.error(t("auth.salah"), icon=":material/lock:")
        return
    st.session_state[USER_KEY] = user
    st.session_state[VIA_KEY] = "password"
    st.session_state.pop(_OUT_KEY, None)
    try:
        st.session_state[_COOKIE_KEY] = session_cookie.issue(user.name)
    except UserError as exc:  # no secret: signed in for this session only; the log says why
        LOG.error("Cookie masuk tidak dibuat: %s", exc)
    st.rerun()
