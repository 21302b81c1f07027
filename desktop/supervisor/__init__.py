"""The supervisor's workspace: the live floor, orders to agents, call monitoring and KPIs.

``desk.SupervisorDesk`` is what the app's desk builds for the supervisor and admin roles
(through ``shift.supervisor_shift``); ``i18n.install_translator`` loads the floor's Spanish
catalogue. Domain rules (thresholds, figures) live in modules that import no widgets. This
package file imports nothing, so the demo can start its agents without loading Qt charts.
"""
