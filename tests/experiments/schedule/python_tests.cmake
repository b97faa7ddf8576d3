# Python checks of `fcsim schedule` exports (real iCalendar, cron, YAML and
# JSON Schema parsers). Included from tests/CMakeLists.txt.
