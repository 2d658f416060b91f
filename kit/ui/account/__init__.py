"""A hosted kit's account pages: logging in, accepting an invite, and the admin's list of facilitators."""
