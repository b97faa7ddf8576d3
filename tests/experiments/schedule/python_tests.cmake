# Python checks of `fcsim schedule` exports (real iCalendar, cron, YAML and
# JSON Schema parsers). Included from tests/CMakeLists.txt.
# The checks fail (never skip) when python3 or a parser module is missing.
# The parsers are Debian packages (scripts/setup.sh): prefer the system
# interpreter that sees them over a python3 earlier on PATH (pyenv, venv).
find_program(FCSIM_PYTHON3 python3 PATHS /usr/bin NO_DEFAULT_PATH)
find_program(FCSIM_PYTHON3 python3 REQUIRED)
if(TARGET fcsim)
  add_test(NAME schedule_python_exports
           COMMAND ${FCSIM_PYTHON3} ${CMAKE_CURRENT_LIST_DIR}/check_exports.py
                   --fcsim $<TARGET_FILE:fcsim>
                   --schema ${PROJECT_SOURCE_DIR}/docs/schedule.schema.json
                   --workdir ${CMAKE_CURRENT_BINARY_DIR}/schedule_exports
                   --jobs 400)
  set_tests_properties(schedule_python_exports PROPERTIES TIMEOUT 300)
endif()
