META
key;value
description;optional META keys and PROJECTS/VOTES columns
country;Nowhere
unit;Test
instance;2026
num_projects;3
num_votes;4
budget;100
vote_type;approval
rule;greedy
min_length;1
max_length;3
min_sum_cost;0
max_sum_cost;100
PROJECTS
project_id;cost;votes;score;name;category;target;selected
1;60;2;2;Park;environment,public space;children,seniors;1
2;40;2;2;Bench;none;none;1
3;30;3;3;Library;education;adults;0
VOTES
voter_id;age;sex;voting_method;vote
a;34;F;internet;1,2
b;none;M;paper;2,3
c;71;;internet;3
d;19;F;paper;1,3
