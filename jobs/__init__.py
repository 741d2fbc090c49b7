"""The default jobs file, `default-jobs.toml`, shipped as package data; the scheduler is `tracker.scheduler`."""
