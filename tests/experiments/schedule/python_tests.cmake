# Python checks of `fcsim schedule` exports (real iCalendar, cron, YAML and
# JSON Schema parsers). Included from tests/CMakeLists.txt.
# The parsers are Debian packages (scripts/setup.sh): prefer the system
# interpreter that sees them over a python3 earlier on PATH (pyenv, venv).
# The checks fail (never skip) when python3 or a parser module is missing.
find_program(FCSIM_PYTHON3 python3 PATHS /usr/bin NO_DEFAULT_PATH)
find_program(FCSIM_PYTHON3 python3)
if(TARGET fcsim)
  if(FCSIM_PYTHON3)
    add_test(NAME schedule_python_exports
             COMMAND ${FCSIM_PYTHON3} ${CMAKE_CURRENT_LIST_DIR}/check_exports.py
                     --fcsim $<TARGET_FILE:fcsim>
                     --schema ${PROJECT_SOURCE_DIR}/docs/schedule.schema.json
                     --workdir ${CMAKE_CURRENT_BINARY_DIR}/schedule_exports
                     --jobs 400)
  else()
    message(WARNING "python3 not found: schedule_python_exports will fail")
    add_test(NAME schedule_python_exports COMMAND ${CMAKE_COMMAND} -E false)
  endif()
  set_tests_properties(schedule_python_exports PROPERTIES TIMEOUT 300)
endif()
