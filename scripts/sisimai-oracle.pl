#!/usr/bin/env perl
# Differential oracle for the bounce explainer: runs Sisimai (Debian's libsisimai-perl) on each
# message file given (or on every file of a directory) and prints one tab-separated line per
# recipient Sisimai decodes:
#   file  index  address  reason  hard(1 when softbounce is 0)  deliverystatus  replycode  smtpagent
# Used by core's SisimaiOracleTest; installed by scripts/install-sisimai.sh.
use strict;
use warnings;
use Sisimai;
use File::Basename qw(basename);

my @files;
for my $arg (@ARGV) {
    if (-d $arg) {
        opendir(my $dh, $arg) or die "cannot open $arg: $!";
        push @files, map { "$arg/$_" } sort grep { /\.eml\z/ } readdir($dh);
        closedir($dh);
    } else {
        push @files, $arg;
    }
}
for my $f (@files) {
    local $SIG{__WARN__} = sub {};    # Sisimai's own warnings are not results
    my $list = eval { Sisimai->make($f, 'delivered' => 1, 'vacation' => 1) };
    next unless $list;
    my $i = 0;
    for my $d (@$list) {
        $i++;
        my @cols = (
            basename($f),
            $i,
            $d->recipient ? $d->recipient->address : '',
            $d->reason // '',
            (defined $d->softbounce && $d->softbounce == 0) ? 1 : 0,
            $d->deliverystatus // '',
            $d->replycode // '',
            $d->smtpagent // '',
        );
        s/[\t\r\n]+/ /g for @cols;
        print join("\t", @cols), "\n";
    }
}
