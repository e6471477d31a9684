<?php
/**
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * @package ActiveSync
 */

namespace Horde\ActiveSync\Embedded;

use FilesystemIterator;
use RecursiveDirectoryIterator;
use RecursiveIteratorIterator;

/**
 * What opcache preloads of an engine (server/preload.php): every class file
 * of its tree whose parents and interfaces can be loaded, then the Horde
 * classes nearly every request uses.
 *
 * A class declared on a parent that cannot be loaded (an optional Horde
 * library that is not installed: Horde_Imap_Client, Horde_Db) would end the
 * preload, and PHP's start with it, in a fatal error. Such a file is left to
 * the autoloader, which never meets it without the library. The files are
 * read with PHP's tokenizer, not loaded, to find that out.
 *
 * @package ActiveSync
 */
class Preloader
{
    /** Horde's classes nearly every request of the embedded server uses. */
    const RUNTIME = [
        'Horde_Date', 'Horde_Log', 'Horde_Log_Handler_Null', 'Horde_Support_Stub', 'Horde_Db_Adapter_Pdo_Sqlite',
        'Horde_Controller_Request_Http', 'Horde_String', 'Horde_Util',
    ];

    /**
     * Class name prefix => the directory its classes' files are under, as
     * PSR-0 maps names (Horde_ActiveSync_Request_Sync is
     * Horde/ActiveSync/Request/Sync.php there).
     *
     * @var string[]
     */
    protected $_roots;

    /**
     * File => whether it can be loaded, as found so far.
     *
     * @var boolean[]
     */
    protected $_verdicts = [];

    /**
     * @param string[] $roots  Class name prefix => directory.
     */
    public function __construct(array $roots)
    {
        $this->_roots = $roots;
    }

    /**
     * Loads what can be of the class files under the directories (and the
     * single files) given, in name order, then RUNTIME.
     *
     * @param string[] $paths
     *
     * @return array  [files loaded, files left to the autoloader].
     */
    public function preload(array $paths)
    {
        $loaded = $skipped = [];
        foreach ($paths as $path) {
            foreach ($this->files($path) as $file) {
                if ($this->loadable($file)) {
                    require_once $file;
                    $loaded[] = $file;
                } else {
                    $skipped[] = $file;
                }
            }
        }
        foreach (self::RUNTIME as $class) {
            class_exists($class);
        }
        return [$loaded, $skipped];
    }

    /**
     * The PHP files of a directory tree, sorted; a file is itself.
     *
     * @return string[]
     */
    public function files($path)
    {
        if (is_file($path)) {
            return [$path];
        }
        $files = [];
        if (is_dir($path)) {
            $tree = new RecursiveIteratorIterator(new RecursiveDirectoryIterator($path, FilesystemIterator::SKIP_DOTS));
            foreach ($tree as $file) {
                if ($file->isFile() && $file->getExtension() === 'php') {
                    $files[] = $file->getPathname();
                }
            }
        }
        sort($files);
        return $files;
    }

    /**
     * Whether the classes of a file can be declared: every parent and
     * interface it names is PHP's own, declared in the file itself, in a
     * loadable file of a root, or another Horde library's that exists.
     */
    public function loadable($file)
    {
        if (isset($this->_verdicts[$file])) {
            return $this->_verdicts[$file];
        }
        // A cycle (which PHP would refuse anyway) ends here.
        $this->_verdicts[$file] = false;
        $source = @file_get_contents($file);
        if ($source === false) {
            return false;
        }
        [$declared, $named] = self::_names($source);
        $verdict = true;
        foreach ($named as $name) {
            if (!isset($declared[strtolower($name)]) && !$this->_available($name)) {
                $verdict = false;
                break;
            }
        }
        return $this->_verdicts[$file] = $verdict;
    }

    /** Whether a class or interface named in a file can be had. */
    protected function _available($name)
    {
        // PHP's own, the extension's, or loaded already.
        if (class_exists($name, false) || interface_exists($name, false)) {
            return true;
        }
        foreach ($this->_roots as $prefix => $root) {
            if (strncmp($name, $prefix, strlen($prefix)) === 0) {
                $file = $root . '/' . strtr($name, ['_' => '/', '\\' => '/']) . '.php';
                return is_file($file) && $this->loadable($file);
            }
        }
        // Another Horde library: from the include path, if installed.
        return (strncmp($name, 'Horde_', 6) === 0 || strncmp($name, 'Horde\\', 6) === 0)
            && (class_exists($name) || interface_exists($name));
    }

    /**
     * The classes a file declares (lowercase full name => true) and the
     * full names of the parents and interfaces they name.
     *
     * @return array  [declared, named].
     */
    protected static function _names($source)
    {
        $tokens = token_get_all($source);
        $namespace = '';
        $uses = [];
        $declared = $named = [];
        $count = count($tokens);
        for ($i = 0; $i < $count; $i++) {
            $token = $tokens[$i];
            if (!is_array($token)) {
                continue;
            }
            switch ($token[0]) {
            case T_NAMESPACE:
                [$namespace, $i] = self::_name($tokens, $i + 1);
                break;
            case T_USE:
                // Imports come before the first class; a "use" with a name
                // after it is a trait the class needs (a closure's has
                // none).
                [$imported, $i] = self::_name($tokens, $i + 1);
                if ($imported !== '' && $declared) {
                    $named[] = self::_resolve($imported, $namespace, $uses);
                } elseif ($imported !== '') {
                    $alias = substr($imported, (int)strrpos('\\' . $imported, '\\'));
                    $j = self::_skipSpace($tokens, $i + 1);
                    if (isset($tokens[$j]) && is_array($tokens[$j]) && $tokens[$j][0] === T_AS) {
                        [$alias, $i] = self::_name($tokens, $j + 1);
                    }
                    $uses[strtolower($alias)] = $imported;
                }
                break;
            case T_CLASS:
            case T_INTERFACE:
            case T_TRAIT:
            case T_ENUM:
                // Not "::class", not an anonymous class.
                [$name] = self::_name($tokens, $i + 1);
                if ($name !== '' && !self::_isReference($tokens, $i)) {
                    $declared[strtolower(ltrim($namespace . '\\' . $name, '\\'))] = true;
                }
                break;
            case T_EXTENDS:
            case T_IMPLEMENTS:
                $j = $i + 1;
                while ($j < $count) {
                    [$name, $j] = self::_name($tokens, $j);
                    if ($name === '') {
                        break;
                    }
                    $named[] = self::_resolve($name, $namespace, $uses);
                    $j = self::_skipSpace($tokens, $j + 1);
                    if ($j >= $count || $tokens[$j] !== ',') {
                        break;
                    }
                    $j++;
                }
                $i = $j - 1;
                break;
            }
        }
        return [$declared, array_values(array_unique($named))];
    }

    /** A name as written where the tokens from $i on start: [name, index of its last token]. */
    protected static function _name(array $tokens, $i)
    {
        $count = count($tokens);
        while ($i < $count && is_array($tokens[$i]) && in_array($tokens[$i][0], [T_WHITESPACE, T_COMMENT, T_DOC_COMMENT], true)) {
            $i++;
        }
        $name = '';
        while ($i < $count && is_array($tokens[$i])
               && in_array($tokens[$i][0], [T_STRING, T_NAME_QUALIFIED, T_NAME_FULLY_QUALIFIED, T_NS_SEPARATOR], true)) {
            $name .= $tokens[$i][1];
            $i++;
        }
        return [$name, $name === '' ? $i : $i - 1];
    }

    /** The index of the first token from $i on that is not whitespace (count() when none). */
    protected static function _skipSpace(array $tokens, $i)
    {
        $count = count($tokens);
        while ($i < $count && is_array($tokens[$i]) && $tokens[$i][0] === T_WHITESPACE) {
            $i++;
        }
        return $i;
    }

    /** Whether the class keyword at $i is "::class" or "new class", not a declaration. */
    protected static function _isReference(array $tokens, $i)
    {
        for ($j = $i - 1; $j >= 0; $j--) {
            if (is_array($tokens[$j]) && $tokens[$j][0] === T_WHITESPACE) {
                continue;
            }
            return is_array($tokens[$j]) ? $tokens[$j][0] === T_DOUBLE_COLON || $tokens[$j][0] === T_NEW
                                         : false;
        }
        return false;
    }

    /** The full name PHP gives a class name written in a file. */
    protected static function _resolve($name, $namespace, array $uses)
    {
        if ($name[0] === '\\') {
            return substr($name, 1);
        }
        $first = strtolower(strstr($name . '\\', '\\', true));
        if (isset($uses[$first])) {
            return $uses[$first] . substr($name, strlen($first));
        }
        return ltrim($namespace . '\\' . $name, '\\');
    }
}
