"""The colours of value given and received (Okabe–Ito: distinguishable with the common
colour-vision deficiencies), in a light and a dark variant: one home for the window, the
charts and the brief. It imports nothing of the app, so every layer may use it."""

LIGHT, DARK = "light", "dark"

GIVEN_COLOUR = {LIGHT: "#0072B2", DARK: "#56B4E9"}
RECEIVED_COLOUR = {LIGHT: "#D55E00", DARK: "#E69F00"}
# Errors and what is overdue: in the window, and on the brief's paper (light).
ALARM_COLOUR = {LIGHT: "#b3261e", DARK: "#ff8a80"}

# The brief's ink, on white paper whatever the theme (and in the window's Brief tab).
TEXT_COLOUR = "#1d2026"
MUTED_COLOUR = "#5b616b"
