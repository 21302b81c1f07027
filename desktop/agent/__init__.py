"""The agent's workspace: screen pop, call controls, script, promise and wrap-up."""
