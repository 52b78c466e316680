-- The engine keeps its own database beside Bokvar's (docker-compose only;
-- `npm start` creates it itself).
CREATE DATABASE bokvar_engine OWNER bokvar;
