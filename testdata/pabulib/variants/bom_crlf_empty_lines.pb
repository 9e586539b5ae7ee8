META
key;value
description;BOM, CRLF and empty lines
num_projects;3
num_votes;4
budget;100
vote_type;approval

PROJECTS
project_id;cost
1;60
2;40
3;30


VOTES
voter_id;vote
a;1,2

b;2,3
c;3
d;1,3
