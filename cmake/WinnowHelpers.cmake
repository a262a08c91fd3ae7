# SPDX-FileCopyrightText: 2026 The Winnow authors
# SPDX-License-Identifier: GPL-3.0-or-later

# winnow_add_module(NAME SOURCES ... [PUBLIC_DEPS ...] [PRIVATE_DEPS ...])
# Adds the static library winnow_NAME (alias Winnow::NAME) rooted at the current folder.
# Public headers are included as "NAME/header.h" from the folder above (core/).
function(winnow_add_module name)
  cmake_parse_arguments(ARG "" "" "SOURCES;PUBLIC_DEPS;PRIVATE_DEPS" ${ARGN})
  add_library(winnow_${name} STATIC ${ARG_SOURCES})
  add_library(Winnow::${name} ALIAS winnow_${name})
  target_include_directories(winnow_${name} PUBLIC ${CMAKE_CURRENT_SOURCE_DIR}/..)
  target_link_libraries(winnow_${name} PUBLIC ${ARG_PUBLIC_DEPS} PRIVATE ${ARG_PRIVATE_DEPS})
  set_target_properties(winnow_${name} PROPERTIES POSITION_INDEPENDENT_CODE ON)
endfunction()

# winnow_add_test(NAME SOURCES ... DEPS ... [LABELS ...])
# A GoogleTest binary whose tests are discovered by CTest.
function(winnow_add_test name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS;LABELS" ${ARGN})
  add_executable(${name} ${ARG_SOURCES})
  target_link_libraries(${name} PRIVATE ${ARG_DEPS} GTest::gtest GTest::gtest_main)
  target_compile_definitions(${name} PRIVATE
    WINNOW_TEST_DATA_DIR="${PROJECT_SOURCE_DIR}/tests/data"
    WINNOW_SOURCE_DIR="${PROJECT_SOURCE_DIR}"
    WINNOW_BINARY_DIR="${PROJECT_BINARY_DIR}")
  if(NOT ARG_LABELS)
    set(ARG_LABELS unit)
  endif()
  gtest_discover_tests(${name} DISCOVERY_TIMEOUT 60 TEST_PREFIX "${name}."
                       PROPERTIES LABELS "${ARG_LABELS}" ENVIRONMENT "QT_QPA_PLATFORM=offscreen")
endfunction()
