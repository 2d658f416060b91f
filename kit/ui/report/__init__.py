"""The printable report page (`/report/{id}`), for the facilitator."""
