"""The projector screen: the step in large type, the join corner, the wall and the conversation views."""
