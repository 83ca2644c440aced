"""The annual cycle: submissions on record, what changed since, the annual review and corrective actions."""
