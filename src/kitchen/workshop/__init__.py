"""What a game needs to take part in a workshop run by a hub (``kitchen host``): the messages
both sides exchange (:mod:`kitchen.workshop.protocol`) and the game's link to the hub.

Nothing here imports pygame, nor the hub's server (:mod:`kitchen.hub`). The protocol needs
only pydantic (a core dependency); the link and discovery need the ``hub`` extra, imported
lazily, so the game without it runs exactly as before.
"""
