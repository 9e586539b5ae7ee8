META
key;value
description;"quoted; with ""quotes"" and a semicolon"
num_projects;3
num_votes;3
budget;100,50
vote_type;cumulative
PROJECTS
project_id;cost;name
1;60,25;"Park ""Süd""; mit Bank"
2;40;"two; ""2"""
3;30.5;plain
VOTES
voter_id;vote;points
a;"1,2";"3,2"
b;2,3;1,4
c;3;5
