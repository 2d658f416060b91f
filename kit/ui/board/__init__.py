"""The group board on both screens: its read model, the console panel and the projector view."""
