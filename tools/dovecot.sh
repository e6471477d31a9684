#!/bin/bash
# A throwaway Dovecot IMAP server on loopback for tests: its own config,
# runtime directory and Maildir store under DIR, users from a passwd file.
#
#   tools/dovecot.sh start DIR PORT [USER:PASSWORD ...]   (default eas:secret)
#   tools/dovecot.sh stop DIR
#
# IMAP on 127.0.0.1:PORT, plain-text login allowed (loopback only),
# CONDSTORE/QRESYNC available as Dovecot offers them by default; LMTP on
# 127.0.0.1:PORT+1 (mail sent to USER@any.domain lands in USER's INBOX),
# which the tests use as the outgoing mail server.
set -eu
cmd=${1:?usage: dovecot.sh start DIR PORT [USER:PASSWORD ...] | stop DIR}
dir=${2:?directory}
case "$cmd" in
start)
    port=${3:?port}
    shift 3
    [ $# -gt 0 ] || set -- eas:secret
    command -v dovecot >/dev/null || { echo "dovecot-imapd is not installed" >&2; exit 1; }
    mkdir -p "$dir/run" "$dir/mail"
    dir=$(cd "$dir" && pwd)
    uid=$(id -u)
    gid=$(id -g)
    # Dovecot refuses to run its login processes as root: as root, use the
    # package's unprivileged users; as anyone else, run as that user.
    # Mail is never accessed as root either: as root, mail belongs to the
    # dovecot user.
    if [ "$uid" -eq 0 ]; then
        login_user=dovenull internal_user=dovecot internal_group=dovecot
        uid=$(id -u dovecot)
        gid=$(id -g dovecot)
        chown "$uid:$gid" "$dir/mail"
    else
        login_user=$(id -un) internal_user=$(id -un) internal_group=$(id -gn)
    fi
    : > "$dir/passwd"
    for pair in "$@"; do
        user=${pair%%:*}
        pass=${pair#*:}
        echo "$user:{PLAIN}$pass:$uid:$gid::$dir/mail/$user" >> "$dir/passwd"
    done
    cat > "$dir/dovecot.conf" <<CONF
base_dir = $dir/run
state_dir = $dir/run
log_path = $dir/dovecot.log
protocols = imap lmtp
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
first_valid_uid = 1
mail_location = maildir:~/Maildir
default_login_user = $login_user
default_internal_user = $internal_user
default_internal_group = $internal_group
login_trusted_networks = 127.0.0.0/8
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = $port
  }
  inet_listener imaps {
    port = 0
  }
}
service lmtp {
  inet_listener lmtp {
    address = 127.0.0.1
    port = $((port + 1))
  }
}
postmaster_address = postmaster@localhost
service anvil {
  chroot =
}
service imap-login {
  chroot =
}
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u $dir/passwd
}
userdb {
  driver = passwd-file
  args = username_format=%n $dir/passwd
}
namespace inbox {
  inbox = yes
  separator = /
  mailbox Drafts {
    special_use = \\Drafts
    auto = create
  }
  mailbox Sent {
    special_use = \\Sent
    auto = create
  }
  mailbox Trash {
    special_use = \\Trash
    auto = create
  }
}
CONF
    dovecot -c "$dir/dovecot.conf"
    # wait until it answers
    i=0
    while ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do
        i=$((i + 1))
        [ $i -lt 50 ] || { echo "dovecot did not start; see $dir/dovecot.log" >&2; cat "$dir/dovecot.log" >&2; exit 1; }
        sleep 0.1
    done
    ;;
stop)
    [ -f "$dir/dovecot.conf" ] && doveadm -c "$dir/dovecot.conf" stop 2>/dev/null || true
    ;;
*)
    echo "usage: dovecot.sh start DIR PORT [USER:PASSWORD ...] | stop DIR" >&2
    exit 2
    ;;
esac
