META
key;value
description;a vote names a project twice (counts once)
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
a;1,1,1
b;1,2,1
c;3
d;2,3
