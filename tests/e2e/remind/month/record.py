# record.py OUTBOX JOURNAL - append remind's rows to the journal as reminder
# events (the journal tool's job, done here until it exists).
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], newline='', encoding='utf-8')))
with open(sys.argv[2], 'a', newline='', encoding='utf-8') as f:
    w = csv.writer(f, lineterminator='\n')
    for r in rows:
        w.writerow([r['date'], r['customer'], r['currency'], 'reminder', r['invoices'],
                    r['level'], r['channel'], '', r['fee'], '', r['ref'], ''])
