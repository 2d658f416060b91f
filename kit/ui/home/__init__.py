"""The facilitator home (`/beheer`): new session, session list."""
