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

  EAS_CORE_SOURCES="
    src/common/eas_alloc.c
    src/common/eas_buf.c
    src/common/eas_error.c
    src/common/eas_utf8.c
    src/wbxml/eas_tags.c
    src/wbxml/eas_wbxml_reader.c
    src/wbxml/eas_wbxml_writer.c
    src/wbxml/eas_wbxml_xml.c
    src/state/eas_synckey.c
    src/state/eas_pack.c
  "
  EAS_EXT_SOURCES="
    ext/horde_activesync.c
    ext/wbxml.c
    ext/wbxml_decoder.c
    ext/wbxml_encoder.c
    ext/state.c
  "

  PHP_NEW_EXTENSION([horde_activesync], [$EAS_EXT_SOURCES $EAS_CORE_SOURCES], [$ext_shared], [], [$EAS_CFLAGS])
  PHP_ADD_BUILD_DIR([$ext_builddir/ext])
  PHP_ADD_BUILD_DIR([$ext_builddir/src/common])
  PHP_ADD_BUILD_DIR([$ext_builddir/src/wbxml])
  PHP_ADD_BUILD_DIR([$ext_builddir/src/state])
  PHP_ADD_EXTENSION_DEP([horde_activesync], [spl])
fi
