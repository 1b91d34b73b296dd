"""The workshop hub (``kitchen host``): a Starlette application served by uvicorn that games
stream their rounds to and facilitators steer from a browser (docs/workshop.md).

Needs the ``hub`` extra; :func:`kitchen.hub.requirements.missing` says what is missing
without importing it. Nothing here imports pygame.
"""
