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

  PHP_NEW_EXTENSION([horde_activesync], [$EAS_EXT_SOURCES $EAS_CORE_SOURCES], [$ext_shared], [], [$EAS_CFLAGS])
  PHP_ADD_BUILD_DIR([$ext_builddir/ext])
  for eas_dir in `cd "$srcdir" && echo src/*/`; do
    PHP_ADD_BUILD_DIR([$ext_builddir/$eas_dir])
  done
  PHP_ADD_EXTENSION_DEP([horde_activesync], [spl])
fi
