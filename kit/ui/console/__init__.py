"""The facilitator console: steps, room, notes, conversation tools and the board panel."""
