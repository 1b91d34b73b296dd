"""Drawing the kitchen, the HUD, icons, order tickets and the debrief timeline."""
