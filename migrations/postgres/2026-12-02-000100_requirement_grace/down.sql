DROP TABLE requirement_grace;
