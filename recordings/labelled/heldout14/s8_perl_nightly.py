from _h import *

SCRIPT = '''    70	my $sth = $dbh->prepare(q{
    71	    SELECT o.id, o.created_at, o.total_cents, o.channel, s.region
    72	      FROM orders o
    73	      LEFT JOIN stores s ON s.id = o.store_id
    74	     WHERE o.created_at >= ? AND o.created_at < ?
    75	     ORDER BY s.region, o.created_at
    76	});
    77	$sth->execute($from, $to);
    78	
    79	my (%total, %count);
    80	my @lines;
    81	while (my $row = $sth->fetchrow_hashref) {
    82	    my $region = $row->{region};
    83	    $total{$region} += $row->{total_cents};
    84	    $count{$region}++;
    85	    push @lines, sprintf("%-8s %s %10s", $row->{id}, $row->{created_at}, cents($row->{total_cents}))
    86	        if $opt{verbose};
    87	}
    88	for my $region (sort keys %total) {
    89	    print "Region " . $region . ": " . cents($total{$region}) . " (" . $count{$region} . " orders)\\n";
    90	}
'''

turns = [
 U("morning. quick one: the nightly report cron mails me \"Use of uninitialized value $region in hash element at "
   "bin/nightly_report.pl line 83.\" every night, and the same for line 84, like 80 of them. can you make it shut up? the report itself "
   "looks ok"),
 Read("bin/nightly_report.pl", SCRIPT),
 Bash("head -12 bin/nightly_report.pl && perl -v | sed -n 2p",
      '''#!/usr/bin/perl -w
# nightly_report.pl - daily sales summary per region, mailed by cron at 06:10
# (c) 2011 ops team. Don't touch the output format, finance parses it.
use strict;
use DBI;
use Getopt::Long;
use POSIX qw(strftime);

my %opt = (date => strftime('%Y-%m-%d', localtime(time - 86400)));
GetOptions(\\%opt, 'date=s', 'verbose', 'dry-run') or die "bad options\\n";

my $dbh = DBI->connect('dbi:mysql:database=shop;mysql_read_default_file=/etc/shop/report.cnf', undef, undef,
This is perl 5, version 34, subversion 0 (v5.34.0) built for x86_64-linux-gnu-thread-multi
'''),
 A("Lines 83-84 use `$region` as a hash key, and it's undef whenever `s.region` is NULL. It's a `LEFT JOIN` on "
   "`stores`, so orders without a store (web orders, I'd guess) have no region. Perl turns the undef key into `\"\"` with a "
   "warning each time, hence two warnings per row, plus a line \"Region : ...\" with an empty name. Let me check how many rows that is."),
 Bash("mysql --defaults-file=/etc/shop/report.cnf shop -e \"SELECT o.channel, COUNT(*) FROM orders o LEFT JOIN stores s "
      "ON s.id = o.store_id WHERE s.region IS NULL AND o.created_at >= CURDATE() - INTERVAL 1 DAY AND o.created_at < CURDATE() "
      "GROUP BY o.channel\"",
      '''+---------+----------+
| channel | COUNT(*) |
+---------+----------+
| web     |       41 |
+---------+----------+
'''),
 A("41 web orders yesterday, all without a store: 41 rows x 2 lines = your ~80 warnings. I'll map a missing region to `UNKNOWN` when reading the row, so "
   "they're still counted in their own line. That changes the report slightly: the line \"Region : ...\" becomes "
   "\"Region UNKNOWN: ...\". Since the header says finance parses the output, is that OK for them?"),
 U("yeah that's fine, that empty line confused them anyway"),
 Edit("bin/nightly_report.pl", '''@@ -82 +82 @@
-    my $region = $row->{region};
+    my $region = $row->{region} // 'UNKNOWN';    # web orders have no store, hence no region'''),
 Bash("perl -c bin/nightly_report.pl", "bin/nightly_report.pl syntax OK\n"),
 Bash("perl bin/nightly_report.pl --dry-run --date 2026-11-24 2>&1", '''Sales report 2026-11-24 (dry run, not mailed)
Region CENTRO: 18.442,10 EUR (212 orders)
Region NORTE: 9.871,45 EUR (133 orders)
Region SUL: 6.120,00 EUR (87 orders)
Region UNKNOWN: 2.315,60 EUR (41 orders)
Total: 36.749,15 EUR (473 orders)
'''),
 A("No warnings, and the web orders show up as `UNKNOWN` with the same totals as before."),
 U("lovely. btw is it normal it has `use strict` but no `use warnings`? I always thought you need both"),
 A("It does have warnings on, just the old way: the `-w` in the shebang (`#!/usr/bin/perl -w`) enables warnings "
   "globally, which is why cron saw them. `use warnings` is the modern, lexically scoped version. Switching is "
   "harmless here but wouldn't change anything for this script, so I'd leave it."),
 U("ok leave it. thx"),
 A("Done then. Anything else?"),
 U("nope. how's your day going lol"),
 A("Pretty good — a one-line fix for a 40-warnings-a-night problem is a nice start. Enjoy the quieter inbox tomorrow "
   "morning!"),
 U("haha ok. bye"),
]

sess = {
 "id": "perl_nightly_report",
 "project": "shop-ops-scripts",
 "cwd_files": ["bin/nightly_report.pl"],
 "turns": turns,
 "gold": [
  G("BUG_FIX", "nightly_report.pl uninitialized $region warnings: web orders have NULL region (LEFT JOIN stores); default to 'UNKNOWN' with //",
    ["region"], ["uninitialized", "null", "unknown", "//", "undef"], ["bin/nightly_report.pl"]),
 ],
 "dead_ends": [],
 "secrets": [],
}
save(sess)
