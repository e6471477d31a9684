dnl config.m4 for the horde_activesync extension
dnl SPDX-License-Identifier: GPL-2.0-or-later

PHP_ARG_ENABLE([horde_activesync],
  [whether to enable the native Exchange ActiveSync engine],
  [AS_HELP_STRING([--enable-horde-activesync],
    [Enable the native Exchange ActiveSync engine for Horde])],
  [yes])

PHP_ARG_ENABLE([horde-activesync-werror],
  [whether to build horde_activesync with -Werror],
  [AS_HELP_STRING([--enable-horde-activesync-werror],
    [Treat compiler warnings in horde_activesync as errors (developers, CI)])],
  [no],
  [no])

if test "$PHP_HORDE_ACTIVESYNC" != "no"; then
  dnl The core in src/ is plain C99; the bindings in ext/ use the Zend API.
  EAS_CFLAGS="-std=gnu99 -Wall -Wextra -Wno-unused-parameter -DZEND_ENABLE_STATIC_TSRMLS_CACHE=1"
  if test "$PHP_HORDE_ACTIVESYNC_WERROR" != "no"; then
    EAS_CFLAGS="$EAS_CFLAGS -Werror"
  fi

  dnl Every C file of the core and the bindings: a feature adds src/<feature>/
  dnl and ext/<feature>.c without editing this list.
  EAS_CORE_SOURCES=`cd "$srcdir" && echo src/*/*.c`
  EAS_EXT_SOURCES=`cd "$srcdir" && echo ext/*.c`

  dnl Statements kept prepared per worker on persistent PDO_SQLITE
  dnl connections (ext/sqlite.c): needs libsqlite3 (the library pdo_sqlite
  dnl links) and PDO's headers; without them the engine prepares per request.
  eas_sqlite=no
  PHP_CHECK_PDO_INCLUDES([
    AC_CHECK_HEADER([sqlite3.h], [
      PHP_CHECK_LIBRARY([sqlite3], [sqlite3_prepare_v2], [
        eas_sqlite=yes
        PHP_ADD_LIBRARY([sqlite3], 1, HORDE_ACTIVESYNC_SHARED_LIBADD)
        PHP_ADD_INCLUDE([$pdo_cv_inc_path])
        AC_DEFINE([HAVE_EAS_SQLITE], 1, [Whether horde_activesync keeps SQLite statements per worker])
      ])
    ])
  ], [:])
  AC_MSG_CHECKING([whether horde_activesync keeps SQLite statements per worker])
  AC_MSG_RESULT([$eas_sqlite])
  PHP_SUBST(HORDE_ACTIVESYNC_SHARED_LIBADD)

  PHP_NEW_EXTENSION([horde_activesync], [$EAS_EXT_SOURCES $EAS_CORE_SOURCES], [$ext_shared], [], [$EAS_CFLAGS])
  PHP_ADD_BUILD_DIR([$ext_builddir/ext])
  for eas_dir in `cd "$srcdir" && echo src/*/`; do
    PHP_ADD_BUILD_DIR([$ext_builddir/$eas_dir])
  done
  PHP_ADD_EXTENSION_DEP([horde_activesync], [spl])
fi
