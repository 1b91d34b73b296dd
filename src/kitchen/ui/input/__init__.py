"""Input: key bindings, gamepads, menu keys and the seats chefs join with."""
