# check.py MBOX - parse with Python's mailbox and email and print what a
# mail reader sees: every header, decoded, and the decoded body.
import email, mailbox, sys
from email import policy
for key, m in mailbox.mbox(sys.argv[1]).items():
    raw = m.as_bytes()
    msg = email.message_from_bytes(raw, policy=policy.default)
    print('--- message')
    print('envelope:', m.get_from())
    for name, value in msg.items():
        v = str(value)
        print('%s: %s' % (name, v if len(v) < 100 else v[:20] + '... (%d characters)' % len(v)))
    # no header line of the raw message is longer than 78, no word longer than 75
    head = raw.split(b'\n\n', 1)[0].decode('ascii')
    print('longest header line:', max(len(l) for l in head.split('\n')))
    words = [w for w in head.replace('\n', ' ').split(' ') if w.startswith('=?')]
    print('encoded words:', len(words), 'longest:', max([len(w) for w in words] or [0]))
    print('Bcc present:', msg['Bcc'] is not None)
    print('body:')
    sys.stdout.write(msg.get_content())
